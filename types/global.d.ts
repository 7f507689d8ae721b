/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    /** The platform this bundle was built for (`taro build --type …`). */
    TARO_ENV: 'weapp' | 'dd' | 'h5'
    /**
     * Where the campus server lives; '' means the page's own origin (H5 served by the server).
     * Set at build time (shell or `.env.*`); see config/index.ts for the per-platform defaults.
     */
    TARO_APP_API_BASE?: string
    TARO_APP_ID?: string
  }
}

/** Only the parity test imports the real package; builds alias it to src/shared/compat/kebab-case. */
declare module 'lodash.kebabcase' {
  export default function kebabCase(input?: string): string
}
