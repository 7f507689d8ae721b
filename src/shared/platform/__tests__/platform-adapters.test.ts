import Taro from '@tarojs/taro'
import { platformAdapter as dd } from '../index.dd'
import { platformAdapter as h5 } from '../index.h5'
import { platformAdapter as weapp } from '../index.weapp'

afterEach(() => {
  delete (globalThis as { dd?: unknown }).dd
})

describe('getHostCredential', () => {
  test('weapp returns the wx.login code for the WeChat login', async () => {
    jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' })
    await expect(weapp.getHostCredential()).resolves.toEqual({ provider: 'wechat', code: 'wx-code-1' })
  })

  test('dd asks the dd global for a 免登 auth code of the configured organisation', async () => {
    const getAuthCode = jest.fn(({ success }: { success(result: { authCode: string }): void }) => success({ authCode: 'dd-code-1' }))
    ;(globalThis as { dd?: unknown }).dd = { getAuthCode }
    await expect(dd.getHostCredential()).resolves.toEqual({ provider: 'dingtalk', authCode: 'dd-code-1' })
    // TARO_APP_DD_CORP_ID is unset in tests: the DingTalk stand-in's organisation
    expect(getAuthCode).toHaveBeenCalledWith(expect.objectContaining({ corpId: 'ding-demo-corp' }))
  })

  test('dd rejects with DingTalk’s message when the host refuses', async () => {
    ;(globalThis as { dd?: unknown }).dd = {
      getAuthCode: ({ fail }: { fail(error: { errorMessage: string }): void }) => fail({ errorMessage: '用户取消' }),
    }
    await expect(dd.getHostCredential()).rejects.toThrow('用户取消')
  })

  test('h5 has no host identity', async () => {
    await expect(h5.getHostCredential()).resolves.toBeNull()
    expect([weapp.hostLogin, dd.hostLogin, h5.hostLogin]).toEqual(['wechat', 'dingtalk', null])
  })
})

describe('openAuthRedirect', () => {
  test('only a browser can leave for the unified identity login page', async () => {
    await expect(weapp.openAuthRedirect('/api/auth/cas/login')).rejects.toThrow()
    await expect(dd.openAuthRedirect('/api/auth/cas/login')).rejects.toThrow()
  })
})

describe('openLink', () => {
  test('mini-programs open links in the web-view subpackage', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await weapp.openLink('https://lib.example.edu.cn/a?b=1')
    expect(navigateTo).toHaveBeenCalledWith({
      url: `/packages/webview/pages/index/index?url=${encodeURIComponent('https://lib.example.edu.cn/a?b=1')}`,
    })
  })

  test('when the web-view cannot open, the link is copied instead', async () => {
    jest.spyOn(Taro, 'navigateTo').mockRejectedValue({ errMsg: 'navigateTo:fail' })
    const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ data: 'https://lib.example.edu.cn', errMsg: 'setClipboardData:ok' })
    const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    await dd.openLink('https://lib.example.edu.cn')
    expect(copy).toHaveBeenCalledWith({ data: 'https://lib.example.edu.cn' })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '链接已复制，请在浏览器中打开' }))
  })

  test('h5 opens a new tab and cuts it off from this page', async () => {
    const opened = { opener: window as Window | null }
    jest.spyOn(window, 'open').mockReturnValue(opened as Window)
    await h5.openLink('https://lib.example.edu.cn')
    expect(window.open).toHaveBeenCalledWith('https://lib.example.edu.cn', '_blank')
    expect(opened.opener).toBeNull()
  })

  test('each adapter names its platform', () => {
    expect([weapp.platform, dd.platform, h5.platform]).toEqual(['weapp', 'dd', 'h5'])
  })
})
