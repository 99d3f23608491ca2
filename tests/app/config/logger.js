const { winston, formats } = require('@strapi/logger');

// Tests want warnings and errors only; the demo raises the level through LOG_LEVEL.
module.exports = {
  transports: [
    new winston.transports.Console({
      level: process.env.LOG_LEVEL || 'warn',
      format: formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
    }),
  ],
};
