/** WeChat: a phone, always the card layout (the desk's table is for H5 on a desktop). */
export function useWideScreen(): boolean {
  return false
}
