/**
 * The tabs' code as one lazy chunk: a tabbed phone loads it when it starts, so a page's first
 * script (registering and ringing) does not carry the channel's schemas, the election or the
 * attention board. Only src/tabbed-phone.ts imports it, with import().
 */
export { TabChannel } from './channel.ts';
export { followerQueries, type FollowerQueries } from './follower-queries.ts';
export { forwardCommand } from './forward.ts';
export { TabRoles } from './roles.ts';
