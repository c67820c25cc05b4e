/**
 * The delegated permission the add-in requests (Entra "Expose an API" scope) and every route requires: the
 * cloud's JWT authorizer (infra/cdk) and the embedded stack's dev tokens (infra/local) check the same name.
 */
export const API_SCOPE = 'access_as_user';
