import { useEffect } from 'react'

/** H5: moves keyboard focus to the element with `id` when a dialog opens. */
export function useFocusOnOpen(id: string): void {
  useEffect(() => {
    document.getElementById(id)?.focus()
  }, [id])
}
