export interface ToggleSwitchProps {
  /** Element id (browser tests: `page.click('#id')` toggles; `page.check('#id input')`). */
  id: string
  checked: boolean
  /** What the switch turns on, read by screen readers. */
  label: string
  /** The visible state, e.g. 是，请保密 / 否. */
  stateText: string
  onChange: (checked: boolean) => void
}
