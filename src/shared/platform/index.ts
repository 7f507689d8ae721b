/**
 * Taro builds replace this module with index.weapp.ts / index.dd.ts / index.h5.ts according to
 * TARO_ENV, and jest maps it to index.h5.ts; this file only gives TypeScript the shared shape.
 */
import type { PlatformAdapter, WeRunData } from './platform-adapter'

export type { PlatformAdapter, WeRunData }
export declare const platformAdapter: PlatformAdapter
