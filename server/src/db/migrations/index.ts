/**
 * Migrations are listed here rather than read from the directory at run time: the list works the
 * same under tsx, jest and a bundler, and adding a file without registering it fails review.
 */
import type { Migration } from 'kysely';
import * as campusAndIdentity from './20261204090000_campus-and-identity';
import * as unifiedIdentity from './20261215090000_unified-identity';
import * as serviceHall from './20261220090000_service-hall';
import * as catalogAdminAndNotices from './20261230090000_catalog-admin-and-notices';
import * as microappEngine from './20270105090001_microapp-engine';
import * as walk from './20270201090000_walk';
import * as datacenterAndPortrait from './20270301090000_datacenter-and-portrait';
import * as walkOptOuts from './20270310090000_walk-opt-outs';
import * as portraitRecomputeLease from './20270312090000_portrait-recompute-lease';

export const MIGRATIONS: Record<string, Migration> = {
  '20261204090000_campus-and-identity': campusAndIdentity,
  '20261215090000_unified-identity': unifiedIdentity,
  '20261220090000_service-hall': serviceHall,
  '20261230090000_catalog-admin-and-notices': catalogAdminAndNotices,
  '20270105090001_microapp-engine': microappEngine,
  '20270201090000_walk': walk,
  '20270301090000_datacenter-and-portrait': datacenterAndPortrait,
  '20270310090000_walk-opt-outs': walkOptOuts,
  '20270312090000_portrait-recompute-lease': portraitRecomputeLease,
};
