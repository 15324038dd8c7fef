import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the staff page (admin): the accounts, adding one, and what an admin may change. */
export interface StaffText {
  title: string;
  accounts: string;
  colId: string;
  colName: string;
  colRole: string;
  colTotp: string;
  colState: string;
  colActions: string;
  totpOn: string;
  totpOff: string;
  active: string;
  disabled: string;
  lockedUntil: (time: string) => string;
  add: string;
  addTitle: string;
  name: string;
  role: string;
  password: string;
  passwordHint: (min: number) => string;
  idHint: string;
  changeRole: (id: string) => string;
  saveRole: string;
  resetPassword: string;
  newPassword: (id: string) => string;
  savePassword: string;
  cancel: string;
  disable: string;
  enable: string;
  resetTotp: string;
  totpRoles: string;
  totpRolesLead: string;
  saveTotpRoles: string;
  saved: string;
  /** Beside the signed-in admin's own id in the list. */
  you: string;
  askDisable: (name: string, id: string) => string;
  askResetTotp: (name: string, id: string) => string;
  askRole: (name: string, id: string, role: string) => string;
  endsSessions: string;
  selfWarning: string;
  confirmDisable: string;
  confirmResetTotp: string;
  confirmRole: string;
}

export const STAFF_TEXT: Readonly<Record<Locale, StaffText>> = {
  zh: {
    title: '工作人员',
    accounts: '账号列表',
    colId: '账号',
    colName: '姓名',
    colRole: '角色',
    colTotp: '动态码',
    colState: '状态',
    colActions: '操作',
    totpOn: '已设置',
    totpOff: '未设置',
    active: '正常',
    disabled: '已停用',
    lockedUntil: (t) => `锁定至 ${t}`,
    add: '添加账号',
    addTitle: '添加工作人员',
    name: '姓名',
    role: '角色',
    password: '初始密码',
    passwordHint: (min) => `至少 ${min} 个字符。`,
    idHint: '小写字母开头，可含数字和 . _ -，不要使用身份证号。',
    changeRole: (id) => `${id} 的角色`,
    saveRole: '更改角色',
    resetPassword: '重设密码',
    newPassword: (id) => `${id} 的新密码`,
    savePassword: '保存新密码',
    cancel: '取消',
    disable: '停用',
    enable: '启用',
    resetTotp: '重设动态码',
    totpRoles: '需要动态码的角色',
    totpRolesLead: '所选角色的工作人员登录时必须输入验证器动态码。',
    saveTotpRoles: '保存',
    saved: '已保存。',
    you: '本人',
    askDisable: (name, id) => `停用 ${name}（${id}）的账号？`,
    askResetTotp: (name, id) => `重设 ${name}（${id}）的动态码？`,
    askRole: (name, id, role) => `将 ${name}（${id}）的角色改为${role}？`,
    endsSessions: '该账号的所有登录会话将立即结束。',
    selfWarning: '这是你自己的账号：确认后你将退出登录。',
    confirmDisable: '确认停用',
    confirmResetTotp: '确认重设',
    confirmRole: '确认更改',
  },
  en: {
    title: 'Staff',
    accounts: 'Accounts',
    colId: 'Account',
    colName: 'Name',
    colRole: 'Role',
    colTotp: 'Authenticator',
    colState: 'State',
    colActions: 'Actions',
    totpOn: 'Set up',
    totpOff: 'None',
    active: 'Active',
    disabled: 'Disabled',
    lockedUntil: (t) => `Locked until ${t}`,
    add: 'Add account',
    addTitle: 'Add a staff member',
    name: 'Name',
    role: 'Role',
    password: 'First password',
    passwordHint: (min) => `At least ${min} characters.`,
    idHint: 'A lower-case letter first, then letters, digits, . _ -; never an ID number.',
    changeRole: (id) => `Role of ${id}`,
    saveRole: 'Change role',
    resetPassword: 'Reset password',
    newPassword: (id) => `New password for ${id}`,
    savePassword: 'Save the new password',
    cancel: 'Cancel',
    disable: 'Disable',
    enable: 'Enable',
    resetTotp: 'Reset authenticator',
    totpRoles: 'Roles that need an authenticator',
    totpRolesLead: 'Staff of the chosen roles must enter an authenticator code to sign in.',
    saveTotpRoles: 'Save',
    saved: 'Saved.',
    you: 'you',
    askDisable: (name, id) => `Disable the account of ${name} (${id})?`,
    askResetTotp: (name, id) => `Reset the authenticator of ${name} (${id})?`,
    askRole: (name, id, role) => `Make ${name} (${id}) ${role}?`,
    endsSessions: 'Every session of the account ends at once.',
    selfWarning: 'This is your own account: you will be signed out.',
    confirmDisable: 'Disable it',
    confirmResetTotp: 'Reset it',
    confirmRole: 'Change the role',
  },
};
