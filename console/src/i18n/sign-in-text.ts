import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of sign-in, its second-factor step, and setting up an authenticator. */
export interface SignInText {
  title: string;
  lead: string;
  staffId: string;
  password: string;
  signIn: string;
  signingIn: string;
  totpTitle: string;
  totpLead: string;
  totpCode: string;
  totpFormat: string;
  /** A refusal at the code step: the password was taken a moment ago, so the code is what failed. */
  totpWrong: string;
  back: string;
  lockedFor: (minutes: number) => string;
  setupTitle: string;
  setupLead: string;
  setupStart: string;
  setupSecret: string;
  setupQr: string;
  setupSecretTyped: string;
  setupUri: string;
  setupConfirm: string;
  setupDone: string;
}

export const SIGN_IN_TEXT: Readonly<Record<Locale, SignInText>> = {
  zh: {
    title: '工作人员登录',
    lead: '请输入您的工作人员账号和密码。',
    staffId: '账号',
    password: '密码',
    signIn: '登录',
    signingIn: '正在登录…',
    totpTitle: '动态验证码',
    totpLead: '请打开手机上的验证器应用，输入当前显示的六位数字。',
    totpCode: '六位动态码',
    totpFormat: '动态码是六位数字。',
    totpWrong: '动态码不对或已用过：请等验证器显示下一个动态码后再输入。',
    back: '返回',
    lockedFor: (m) => `登录失败次数过多，此账号已锁定，请约 ${m} 分钟后再试，或请管理员协助。`,
    setupTitle: '设置验证器',
    setupLead: '您的角色要求使用动态验证码。请用手机验证器应用扫描下面的二维码（或手动输入密钥），然后输入它显示的六位数字。',
    setupStart: '生成密钥',
    setupSecret: '密钥',
    setupQr: '验证器二维码：用手机验证器应用扫描',
    setupSecretTyped: '无法扫描时，手动输入密钥（每四个字符一组，空格不用输入）：',
    setupUri: '验证器链接',
    setupConfirm: '确认并继续',
    setupDone: '验证器已设置。',
  },
  en: {
    title: 'Staff sign-in',
    lead: 'Enter your staff account and password.',
    staffId: 'Account',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    totpTitle: 'Authenticator code',
    totpLead: 'Open the authenticator app on your phone and enter the six digits it shows now.',
    totpCode: 'Six-digit code',
    totpFormat: 'The code is six digits.',
    totpWrong: 'The code is wrong or was used already: wait for the next code your authenticator shows and enter it.',
    back: 'Back',
    lockedFor: (m) => `Too many failed sign-ins: this account is locked. Try again in about ${m} minutes, or ask an admin.`,
    setupTitle: 'Set up your authenticator',
    setupLead: 'Your role needs an authenticator code. Scan the code below with the authenticator app on your phone (or type the key), then enter the six digits it shows.',
    setupStart: 'Make a key',
    setupSecret: 'Key',
    setupQr: 'Authenticator QR code: scan it with the authenticator app on your phone',
    setupSecretTyped: 'If you cannot scan it, type the key (in groups of four; leave out the spaces):',
    setupUri: 'Authenticator link',
    setupConfirm: 'Confirm and continue',
    setupDone: 'Your authenticator is set up.',
  },
};
