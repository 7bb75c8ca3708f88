/** WeChat: no DOM focus to move (the screen reader starts at the dialog's top). */
export function useFocusOnOpen(_id: string): void {}
