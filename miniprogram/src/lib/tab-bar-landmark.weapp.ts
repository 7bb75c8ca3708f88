/** WeChat draws its own tab bar, which its screen reader already knows. */
export function labelTabBar(): void {}
