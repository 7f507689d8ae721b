/**
 * Request headers both sides name. Kept free of imports so the client can take the values
 * without bundling TypeBox (types/api.ts).
 */

/** Optional header naming the client platform (`weapp` | `dd` | `h5`); recorded on the session at login. */
export const CLIENT_PLATFORM_HEADER = 'x-client-platform';
