/**
 * Props of the choice controls of forms. Each has one implementation per platform
 * (STYLE.md: one component per platform, not branches in pages):
 * - `*.weapp.tsx`: Taro's <Picker>, which is WeChat's native bottom wheel.
 * - `*.h5.tsx`: the browser's own <select> and <input type="month">. Taro's H5 <Picker> imitates the
 *   WeChat wheel with small type and mouse-drag handling; the browser's controls open the phone's
 *   native chooser, read well, and let browser tests pick a value in one call.
 */
export interface SelectOption<V extends string> {
  value: V
  label: string
}

export interface SelectFieldProps<V extends string> {
  /** Element id (stable, used by browser tests). */
  id: string
  options: ReadonlyArray<SelectOption<V>>
  /** '' while nothing is chosen */
  value: V | ''
  placeholder: string
  invalid?: boolean
  onChange: (value: V) => void
}

export interface MonthFieldProps {
  /** Element id (stable, used by browser tests). */
  id: string
  /** `YYYY-MM`, '' while nothing is chosen */
  value: string
  /** `YYYY-MM`, earliest month offered */
  start: string
  /** `YYYY-MM`, latest month offered */
  end: string
  placeholder: string
  invalid?: boolean
  onChange: (month: string) => void
}
