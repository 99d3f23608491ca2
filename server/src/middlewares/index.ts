import noStrayInput from './no-stray-input';
import retryAfter from './retry-after';

export default { 'no-stray-input': noStrayInput, 'retry-after': retryAfter };
