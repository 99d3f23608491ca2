// Reads no content: what it answers depends on the policy alone.
module.exports = {
  async summary(ctx) {
    const { account, permissions } = ctx.state.multiAccount ?? {};
    ctx.body = { data: { account: account?.documentId ?? null, permissions: permissions ?? [] } };
  },
};
