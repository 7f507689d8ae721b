// @tarojs/taro for jest: Taro's H5 implementation plus what a real H5 build adds around it.
// - The build rewrites `Taro.showToast(...)` into a named import from @tarojs/taro-h5 (Taro's
//   api-loader); here the named APIs are copied onto the default object instead.
// - The lifecycle hooks come from @tarojs/plugin-framework-react once Taro's router mounts the
//   app. There is no router here, so each hook maps onto React's own lifecycle and tests drive
//   the rest through `taroTestHarness`.
const React = require('react')
const taroH5 = require('@tarojs/taro-h5')

const Taro = taroH5.default
const pullDownRefreshHandlers = new Set()
const showHandlers = new Set()
const reachBottomHandlers = new Set()
let routerParams = {}

function useLatest(fn) {
  const ref = React.useRef(fn)
  ref.current = fn
  return ref
}

function useOnMount(fn) {
  const latest = useLatest(fn)
  React.useEffect(() => {
    latest.current(routerParams)
  }, [])
}

function useRegistered(registry, fn) {
  const latest = useLatest(fn)
  React.useEffect(() => {
    const handler = (...args) => latest.current(...args)
    registry.add(handler)
    return () => registry.delete(handler)
  }, [])
}

const hooks = {
  useLaunch: useOnMount,
  useLoad: useOnMount,
  useReady: useOnMount,
  useDidShow(fn) {
    useOnMount(fn)
    useRegistered(showHandlers, fn)
  },
  useDidHide() {},
  useUnload(fn) {
    const latest = useLatest(fn)
    React.useEffect(() => () => latest.current(), [])
  },
  usePullDownRefresh(fn) {
    useRegistered(pullDownRefreshHandlers, fn)
  },
  useReachBottom(fn) {
    useRegistered(reachBottomHandlers, fn)
  },
  usePageScroll() {},
  useRouter() {
    return { params: routerParams, path: '' }
  },
}

const { default: _default, ...namedApis } = taroH5
for (const [name, api] of Object.entries(namedApis)) {
  if (!(name in Taro)) Taro[name] = api
}
Object.assign(Taro, hooks)

/** Test-only controls; tests use them through tests/setup/taro-test-harness.ts. */
const taroTestHarness = {
  setRouterParams(params) {
    routerParams = params
  },
  async triggerPullDownRefresh() {
    await Promise.all([...pullDownRefreshHandlers].map((handler) => handler()))
  },
  async triggerReachBottom() {
    await Promise.all([...reachBottomHandlers].map((handler) => handler()))
  },
  triggerDidShow() {
    showHandlers.forEach((handler) => handler())
  },
  reset() {
    routerParams = {}
  },
}

module.exports = { ...taroH5, ...hooks, default: Taro, taroTestHarness, __esModule: true }
