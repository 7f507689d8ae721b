/**
 * Boots a built mini-program bundle (dist/weapp or dist/dd) in a Node `vm` context with a fake
 * host: the global API object (`wx`, or `dd` + `my` for DingTalk, whose Taro build also emits the
 * Alipay `my.*` calls it inherits), App/Page/Component/getApp/getCurrentPages and a CommonJS
 * `require` over the bundle's own files. Like the real hosts it has no `window`, `document`,
 * `localStorage`, `eval`-able code or `new Function`, so code that needs them fails here too.
 */
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

export type MiniPlatform = 'weapp' | 'dd'

/** Where the app keeps its session (src/shared/session). */
export const SESSION_STORAGE_KEY = 'campus.session.v2'

export interface HostRequest {
  url: string
  method: string
  headers: Record<string, string>
  data: unknown
}

export interface HostResponse {
  statusCode: number
  data: unknown
  headers?: Record<string, string>
}

export interface SetDataCall {
  route: string
  payload: Record<string, unknown>
  /** bytes of the payload as the host would serialise it */
  size: number
}

export interface HostCall {
  api: string
  args: unknown[]
}

type Callback = (...args: unknown[]) => unknown
/** What App() / Page() / Component() receive: lifecycle methods and data, called with `this` bound. */
type Registration = Record<string, unknown>
/** The instance a host creates from a Page() registration. */
type PageInstance = Record<string, unknown> & { data: Record<string, unknown> }
/** Options of a callback-style host API (`wx.request({ url, success })`). */
type HostOptions = Record<string, unknown> & {
  success?: (result: unknown) => void
  fail?: (error: unknown) => void
  complete?: (result: unknown) => void
}

function callLifecycle(target: Registration, name: string, ...args: unknown[]): unknown {
  const method = target[name]
  return typeof method === 'function' ? (method as Callback).apply(target, args) : undefined
}

export interface BootedPage {
  route: string
  instance: PageInstance
  setDataCalls: SetDataCall[]
  /** Every string the page has sent to the view so far, for text assertions. */
  renderedText(): string
}

const MAX_SETTLE_MS = 5_000

export interface MiniHostOptions {
  /**
   * Open the page a reLaunch / redirectTo / navigateTo / switchTab names, as a real host does
   * (off by default: most tests only look at where the bundle wanted to go).
   */
  followNavigation?: boolean
  /** More host APIs (or replacements), e.g. `getWeRunData` for the staff walking page; recorded like the built-in ones. */
  hostApis?: Record<string, unknown>
}

/** 'pages/bind/index' and its query, from '/pages/bind/index?ticket=…' (values stay encoded, as hosts pass them). */
function parsePageUrl(url: string): { route: string; query: Record<string, string> } {
  const [path, search = ''] = url.split('?')
  const query: Record<string, string> = {}
  for (const pair of search.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=')
    query[key] = value
  }
  return { route: path.replace(/^\//, ''), query }
}

export class MiniHost {
  readonly calls: HostCall[] = []
  readonly errors: string[] = []
  readonly warnings: string[] = []
  /** Host APIs the bundle looked up that this fake does not implement. */
  readonly missingApis = new Set<string>()
  readonly setDataCalls: SetDataCall[] = []
  readonly requests: HostRequest[] = []
  readonly storage = new Map<string, unknown>()

  /** Stores a signed-in session the way the app does, so a page opens as that user would see it. */
  signIn(user: unknown): void {
    this.storage.set(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 'tok-boot', accessExpiresAt: Date.now() + 600_000, refreshToken: 'ref-boot-0123456789', refreshExpiresAt: Date.now() + 86_400_000, user }),
    )
  }

  appConfig: Registration | null = null
  readonly pageConfigs = new Map<string, Registration>()
  readonly componentConfigs: Registration[] = []

  private readonly context: vm.Context
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly pageStack: PageInstance[] = []
  private pendingRegistration: string | null = null
  private lastActivity = Date.now()
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly bootedPages: BootedPage[] = []

  constructor(
    readonly platform: MiniPlatform,
    readonly distDir: string,
    private readonly respond: (request: HostRequest) => HostResponse = () => ({
      statusCode: 404,
      data: { code: 'NOT_FOUND', message: '接口不存在' },
    }),
    private readonly options: MiniHostOptions = {},
  ) {
    const api = this.createHostApi()
    const record = (level: 'error' | 'warn') => (...args: unknown[]) => {
      const line = args.map((arg) => (arg instanceof Error ? arg.stack ?? arg.message : String(arg))).join(' ')
      ;(level === 'error' ? this.errors : this.warnings).push(line)
    }
    const sandbox: Record<string, unknown> = {
      console: { log: () => undefined, info: () => undefined, debug: () => undefined, warn: record('warn'), error: record('error') },
      setTimeout: (fn: Callback, ms?: number, ...args: unknown[]) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer)
          this.guard('setTimeout callback', () => fn(...args))
        }, ms)
        this.timers.add(timer)
        return timer
      },
      clearTimeout: (timer: NodeJS.Timeout) => {
        this.timers.delete(timer)
        clearTimeout(timer)
      },
      setInterval: (fn: Callback, ms?: number, ...args: unknown[]) => {
        const timer = setInterval(() => this.guard('setInterval callback', () => fn(...args)), ms)
        this.timers.add(timer)
        return timer
      },
      clearInterval: (timer: NodeJS.Timeout) => {
        this.timers.delete(timer)
        clearInterval(timer)
      },
      App: (config: Registration) => {
        this.appConfig = config
      },
      Page: (config: Registration) => {
        this.pageConfigs.set(this.pendingRegistration ?? `unknown-${this.pageConfigs.size}`, config)
      },
      Component: (config: Registration) => {
        // Taro registers pages through Component() when a page needs it; keep both views.
        this.componentConfigs.push(config)
        if (this.pendingRegistration && !this.pageConfigs.has(this.pendingRegistration)) {
          this.pageConfigs.set(this.pendingRegistration, config)
        }
      },
      Behavior: (config: Registration) => config,
      getApp: () => this.appConfig,
      getCurrentPages: () => [...this.pageStack],
    }
    if (platform === 'weapp') {
      sandbox.wx = api
    } else {
      sandbox.dd = api
      sandbox.my = api
      // Alipay-family hosts have a navigator; the DingTalk runtime patches its userAgent.
      sandbox.navigator = { userAgent: 'Mozilla/5.0 (iPhone) AliApp(DingTalk/7.6.0) DingTalk/7.6.0', swuserAgent: '' }
    }
    this.context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } })
  }

  /** Runs a bundle file as the host would (each file is a CommonJS module). */
  load(relativeFile: string): unknown {
    const file = path.resolve(this.distDir, relativeFile)
    const cached = this.modules.get(file)
    if (cached) return cached.exports
    const module = { exports: {} as unknown }
    this.modules.set(file, module)
    const source = fs.readFileSync(file, 'utf8')
    const wrapper = vm.runInContext(`(function (require, module, exports) {${source}\n})`, this.context, {
      filename: file,
    }) as (require: unknown, module: unknown, exports: unknown) => void
    const localRequire = (request: string) => {
      const target = path.resolve(path.dirname(file), request)
      const withExtension = target.endsWith('.js') ? target : `${target}.js`
      return this.load(path.relative(this.distDir, withExtension))
    }
    this.guard(`loading ${relativeFile}`, () => wrapper(localRequire, module, module.exports))
    return module.exports
  }

  launch(options: { path: string; query?: Record<string, string> }) {
    this.load('app.js')
    if (!this.appConfig) throw new Error('app.js did not call App()')
    const app = this.appConfig
    const launchOptions = { path: options.path, query: options.query ?? {}, scene: 1001 }
    this.guard('App.onLaunch', () => callLifecycle(app, 'onLaunch', launchOptions))
    this.guard('App.onShow', () => callLifecycle(app, 'onShow', launchOptions))
  }

  async openPage(route: string, query: Record<string, string> = {}): Promise<BootedPage> {
    this.pendingRegistration = route
    this.load(`${route}.js`)
    this.pendingRegistration = null
    const config = this.pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not register a page`)

    const calls: SetDataCall[] = []
    const instance: PageInstance = Object.create(config)
    instance.data = JSON.parse(JSON.stringify(config.data ?? {}))
    instance.route = route
    instance.__route__ = route
    instance.options = query
    const setData = (payload: Record<string, unknown>, callback?: Callback) => {
      const serialised = JSON.stringify(payload)
      const call = { route, payload: JSON.parse(serialised), size: Buffer.byteLength(serialised) }
      calls.push(call)
      this.setDataCalls.push(call)
      this.lastActivity = Date.now()
      Object.assign(instance.data, call.payload)
      if (callback) setTimeout(() => this.guard('setData callback', callback), 0)
    }
    instance.setData = setData
    // Alipay's array helper; Taro may batch list updates through it.
    instance.$spliceData = setData
    this.pageStack.push(instance)

    const booted: BootedPage = {
      route,
      instance,
      setDataCalls: calls,
      renderedText: () => calls.map((call) => JSON.stringify(call.payload)).join('\n'),
    }
    this.bootedPages.push(booted)

    this.guard(`${route} onLoad`, () => callLifecycle(instance, 'onLoad', query))
    this.guard(`${route} onShow`, () => callLifecycle(instance, 'onShow'))
    this.guard(`${route} onReady`, () => callLifecycle(instance, 'onReady'))
    await this.settle()

    return booted
  }

  /** The page on top of the stack (the one the user sees). */
  currentPage(): BootedPage | undefined {
    const top = this.pageStack[this.pageStack.length - 1]
    return this.bootedPages.find((page) => page.instance === top)
  }

  /** Every page opened so far, in order, including those since closed. */
  pagesOpened(): string[] {
    return this.bootedPages.map((page) => page.route)
  }

  /** reLaunch / redirectTo / navigateTo / switchTab, as far as following them needs. */
  private navigate(api: string, options: HostOptions) {
    setTimeout(() => {
      const { route, query } = parsePageUrl(String(options.url))
      const closing = api === 'navigateTo' ? [] : api === 'redirectTo' ? this.pageStack.slice(-1) : [...this.pageStack]
      for (const page of closing.reverse()) {
        this.guard(`${String(page.route)} onUnload`, () => callLifecycle(page, 'onUnload'))
        this.pageStack.splice(this.pageStack.indexOf(page), 1)
      }
      void this.openPage(route, query).then(
        () => {
          const response = { errMsg: `${api}:ok` }
          options.success?.(response)
          options.complete?.(response)
        },
        (error: unknown) => this.errors.push(`${api} to ${route}: ${describe(error)}`),
      )
    }, 0)
  }

  /** Waits until the bundle stops talking to the host (no setData or host call for a while). */
  async settle(quietMs = 150): Promise<void> {
    const started = Date.now()
    this.lastActivity = Date.now()
    while (Date.now() - this.lastActivity < quietMs) {
      if (Date.now() - started > MAX_SETTLE_MS) throw new Error('the bundle never went quiet')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  /** Stops whatever the bundle left scheduled, as closing the mini-program would. */
  dispose() {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  callsTo(api: string): HostCall[] {
    return this.calls.filter((call) => call.api === api)
  }

  private guard(what: string, run: () => unknown) {
    try {
      const result = run()
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        ;(result as Promise<unknown>).then(undefined, (error: unknown) => this.errors.push(`${what}: ${describe(error)}`))
      }
    } catch (error) {
      this.errors.push(`${what}: ${describe(error)}`)
    }
  }

  private createHostApi(): Record<string, unknown> {
    const systemInfo = {
      brand: 'devtools',
      model: 'iPhone 13',
      pixelRatio: 3,
      screenWidth: 375,
      screenHeight: 812,
      windowWidth: 375,
      windowHeight: 812,
      statusBarHeight: 44,
      language: 'zh_CN',
      version: this.platform === 'weapp' ? '8.0.50' : '7.6.0',
      system: 'iOS 17.0',
      platform: this.platform === 'weapp' ? 'devtools' : 'iOS',
      SDKVersion: '3.5.0',
      safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
    }
    const asyncOk = (name: string, result: Record<string, unknown> = {}) => (options: HostOptions = {}) => {
      setTimeout(() => {
        const response = { errMsg: `${name}:ok`, ...result }
        options.success?.(response)
        options.complete?.(response)
      }, 0)
    }
    const alipayStorage = this.platform === 'dd'
    const implemented: Record<string, unknown> = {
      SDKVersion: '3.5.0',
      env: { USER_DATA_PATH: 'wxfile://usr' },
      canIUse: (feature: string) => feature === 'request' || !feature.includes('.'),
      nextTick: (fn: Callback) => setTimeout(fn, 0),
      getSystemInfoSync: () => ({ ...systemInfo }),
      getSystemInfo: (options: HostOptions = {}) => asyncOk('getSystemInfo', systemInfo)(options),
      getWindowInfo: () => ({ ...systemInfo }),
      getDeviceInfo: () => ({ ...systemInfo }),
      getAppBaseInfo: () => ({ ...systemInfo }),
      getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 }),
      getStorageSync: alipayStorage
        ? ({ key }: { key: string }) => ({ data: this.storage.has(key) ? this.storage.get(key) : null })
        : (key: string) => (this.storage.has(key) ? this.storage.get(key) : ''),
      setStorageSync: alipayStorage
        ? ({ key, data }: { key: string; data: unknown }) => void this.storage.set(key, data)
        : (key: string, data: unknown) => void this.storage.set(key, data),
      removeStorageSync: alipayStorage
        ? ({ key }: { key: string }) => void this.storage.delete(key)
        : (key: string) => void this.storage.delete(key),
      request: (options: HostOptions) => this.request(options),
      login: asyncOk('login', { code: 'fake-wx-login-code' }),
      getAuthCode: asyncOk('getAuthCode', { authCode: 'fake-dd-auth-code' }),
      showToast: asyncOk('showToast'),
      hideToast: asyncOk('hideToast'),
      showLoading: asyncOk('showLoading'),
      hideLoading: asyncOk('hideLoading'),
      showModal: asyncOk('showModal', { confirm: true, cancel: false }),
      ...Object.fromEntries(
        ['reLaunch', 'switchTab', 'navigateTo', 'redirectTo'].map((api) => [
          api,
          this.options.followNavigation ? (options: HostOptions) => this.navigate(api, options) : asyncOk(api),
        ]),
      ),
      navigateBack: asyncOk('navigateBack'),
      setNavigationBarTitle: asyncOk('setNavigationBarTitle'),
      stopPullDownRefresh: asyncOk('stopPullDownRefresh'),
      setTabBarBadge: asyncOk('setTabBarBadge'),
      removeTabBarBadge: asyncOk('removeTabBarBadge'),
      createSelectorQuery: () => {
        const query = {
          select: () => query,
          selectAll: () => query,
          selectViewport: () => query,
          in: () => query,
          boundingClientRect: () => query,
          scrollOffset: () => query,
          fields: () => query,
          exec: (callback?: Callback) => setTimeout(() => callback?.([]), 0),
        }
        return query
      },
      onAppShow: () => undefined,
      onAppHide: () => undefined,
      offAppShow: () => undefined,
      offAppHide: () => undefined,
      onWindowResize: () => undefined,
      offWindowResize: () => undefined,
      getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
      getEnterOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
      ...this.options.hostApis,
    }

    const recorded: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(implemented)) {
      recorded[name] =
        typeof value === 'function'
          ? (...args: unknown[]) => {
              this.calls.push({ api: name, args })
              this.lastActivity = Date.now()
              return (value as Callback)(...args)
            }
          : value
    }
    return new Proxy(recorded, {
      get: (target, property, receiver) => {
        if (typeof property === 'string' && !(property in target) && property !== 'then') {
          this.missingApis.add(property)
        }
        return Reflect.get(target, property, receiver)
      },
    })
  }

  private request(options: HostOptions) {
    const headers = { ...((options.header ?? options.headers ?? {}) as Record<string, string>) }
    const request: HostRequest = {
      url: String(options.url),
      method: String(options.method ?? 'GET').toUpperCase(),
      headers,
      data: options.data,
    }
    this.requests.push(request)
    let aborted = false
    setTimeout(() => {
      if (aborted) return
      const response = this.respond(request)
      const data = options.dataType === 'json' || options.dataType === undefined ? response.data : JSON.stringify(response.data)
      const responseHeaders = { 'Content-Type': 'application/json; charset=utf-8', ...response.headers }
      // wx.request answers { statusCode, header }, my.request { status, headers }.
      const result =
        this.platform === 'weapp'
          ? { data, statusCode: response.statusCode, header: responseHeaders, errMsg: 'request:ok' }
          : { data, status: response.statusCode, headers: responseHeaders }
      options.success?.(result)
      options.complete?.(result)
    }, 5)
    return { abort: () => (aborted = true), onHeadersReceived: () => undefined, offHeadersReceived: () => undefined }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)
}

export function distDirOf(platform: MiniPlatform): string {
  return path.resolve(__dirname, '../../dist', platform)
}

export function assertBuilt(platform: MiniPlatform) {
  const dir = distDirOf(platform)
  if (!fs.existsSync(path.join(dir, 'app.js'))) {
    throw new Error(`${dir} is missing: run \`npx taro build --type ${platform}\` first`)
  }
}
