import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { Button, Empty } from '@nutui/nutui-react-taro'
import { Failure, NetworkError, Order } from '@nutui/icons-react-taro'
import type { ApiError } from '../http/api-error'
import './status-block.scss'

// NutUI's default Empty images live on a JD CDN; a local glyph keeps the page whole offline.
function Illustration({ children }: { children: ReactNode }) {
  return <View className="status-block__art">{children}</View>
}

export function EmptyBlock({ title, description, className = '' }: { title: string; description?: string; className?: string }) {
  return (
    <Empty
      className={`status-block empty-block ${className}`}
      size="small"
      image={
        <Illustration>
          <Order className="status-block__glyph" />
        </Illustration>
      }
      title={title}
      description={description ?? ''}
    />
  )
}

export function ErrorBlock({ error, onRetry }: { error: ApiError; onRetry(): void }) {
  return (
    <Empty
      className="status-block error-block"
      size="small"
      image={
        <Illustration>
          {error.isRetryable ? <NetworkError className="status-block__glyph" /> : <Failure className="status-block__glyph" />}
        </Illustration>
      }
      title={error.isRetryable ? '网络开小差了' : '加载失败'}
      description={error.message}
    >
      <Button className="retry-button" type="primary" fill="outline" size="small" onClick={onRetry}>
        重试
      </Button>
    </Empty>
  )
}
