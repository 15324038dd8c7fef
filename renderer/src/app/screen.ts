/** The screens behind the sign-in. */
export type Screen = 'counter' | 'history' | 'settings';
