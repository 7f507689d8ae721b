import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ROUTES, decodeParam } from '@/shared/navigation/routes'
import './index.scss'

/**
 * Where catalog micro-apps open. The low-code renderer will draw the app's form here from its
 * definition; until then the page says which app was asked for.
 */
export default function MicroappPage() {
  const { params } = useRouter()
  const name = decodeParam(params.name) || '微应用'
  const appKey = decodeParam(params.key)

  useLoad(() => {
    void Taro.setNavigationBarTitle({ title: name })
  })

  function goBack() {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.switchTab({ url: ROUTES.home })
  }

  return (
    <View className="microapp-page">
      <View className="microapp-badge">
        <Text className="microapp-badge__text">{name.slice(0, 1)}</Text>
      </View>
      <Text className="microapp-name">{name}</Text>
      <Text className="microapp-soon">该应用即将上线</Text>
      {appKey && <Text className="microapp-key">应用标识：{appKey}</Text>}
      <Button className="microapp-back" type="primary" fill="outline" onClick={goBack}>
        返回办事大厅
      </Button>
    </View>
  )
}
