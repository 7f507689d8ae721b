import { Button } from '@nutui/nutui-react-taro'

interface SubmitButtonProps {
  /** Also the hook the browser tests click (`.login-submit`, `.bind-submit`, …). */
  className: string
  submitting: boolean
  idleText: string
  busyText: string
  onSubmit: () => void
}

/**
 * The full-width primary button every form ends with: disabled while its request is in flight,
 * so a double tap on one bar of signal sends one request.
 */
export function SubmitButton({ className, submitting, idleText, busyText, onSubmit }: SubmitButtonProps) {
  return (
    <Button
      className={className}
      type="primary"
      size="large"
      block
      loading={submitting}
      disabled={submitting}
      onClick={onSubmit}
    >
      {submitting ? busyText : idleText}
    </Button>
  )
}
