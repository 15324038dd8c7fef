import type { DeviceState } from '../../../shared/hardware/hardware-settings.js';
import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the counter's devices: status bar items, the settings section, the gate alarm. */
export interface HardwareText {
  camera: string;
  scanner: string;
  gate: string;
  state: Record<DeviceState, string>;
  sectionTitle: string;
  gateKind: string;
  gateKinds: Record<'none' | 'serial-relay' | 'modbus-tcp' | 'http', string>;
  serialPath: string;
  baudRate: string;
  openFrame: string;
  closeFrame: string;
  pulseMs: string;
  timeoutMs: string;
  host: string;
  port: string;
  unitId: string;
  coil: string;
  method: string;
  url: string;
  expectedStatus: string;
  testGate: string;
  testHint: string;
  testOpened: string;
  testFailed: (message: string) => string;
  testNone: string;
  scannerKind: string;
  scannerKinds: Record<'none' | 'serial', string>;
  framing: string;
  framings: Record<'line' | 'pause', string>;
  pauseMs: string;
  /** The gate did not open for a recorded use: said plainly, with what happened to the use. */
  gateFailed: (message: string, voided: boolean) => string;
}

/** zh first (the counter's language), en for the header switch. */
export const HARDWARE_TEXT: Record<Locale, HardwareText> = {
  zh: {
    camera: '摄像头',
    scanner: '串口扫码枪',
    gate: '闸机',
    state: { off: '未启用', ready: '就绪', missing: '未连接', error: '故障' },
    sectionTitle: '闸机与扫码枪',
    gateKind: '闸机输出',
    gateKinds: { none: '无', 'serial-relay': 'USB/串口继电器板', 'modbus-tcp': 'Modbus TCP 线圈', http: 'HTTP 闸机控制器' },
    serialPath: '串口（如 /dev/ttyUSB0、COM3）',
    baudRate: '波特率',
    openFrame: '吸合帧（十六进制）',
    closeFrame: '断开帧（十六进制）',
    pulseMs: '脉冲时长（毫秒）',
    timeoutMs: '超时（毫秒）',
    host: '主机地址',
    port: '端口',
    unitId: '从站号',
    coil: '线圈地址',
    method: '请求方法',
    url: '控制器网址（http/https）',
    expectedStatus: '成功状态码',
    testGate: '测试闸机',
    testHint: '按已保存的设置开闸一次，不登记使用',
    testOpened: '闸机已打开',
    testFailed: (m) => `闸机未能打开：${m}`,
    testNone: '未设置闸机输出',
    scannerKind: '串口扫码枪',
    scannerKinds: { none: '不使用（键盘模式或摄像头）', serial: '串口（虚拟 COM）模式' },
    framing: '结束方式',
    framings: { line: '回车/换行', pause: '停顿' },
    pauseMs: '停顿（毫秒）',
    gateFailed: (m, voided) => `闸机未能打开（${m}）。${voided ? '本次使用已作废，未占用名额：' : ''}请人工放行或请持卡人重新扫码。`,
  },
  en: {
    camera: 'Camera',
    scanner: 'Serial scanner',
    gate: 'Gate',
    state: { off: 'off', ready: 'ready', missing: 'not connected', error: 'fault' },
    sectionTitle: 'Gate and scanner',
    gateKind: 'Gate output',
    gateKinds: { none: 'None', 'serial-relay': 'USB/serial relay board', 'modbus-tcp': 'Modbus TCP coil', http: 'HTTP gate controller' },
    serialPath: 'Serial port (e.g. /dev/ttyUSB0, COM3)',
    baudRate: 'Baud rate',
    openFrame: 'Close-relay frame (hex)',
    closeFrame: 'Release frame (hex)',
    pulseMs: 'Pulse (ms)',
    timeoutMs: 'Timeout (ms)',
    host: 'Host',
    port: 'Port',
    unitId: 'Unit id',
    coil: 'Coil',
    method: 'Method',
    url: 'Controller URL (http/https)',
    expectedStatus: 'Success status',
    testGate: 'Test the gate',
    testHint: 'Opens the gate once with the saved settings; records no use',
    testOpened: 'The gate opened',
    testFailed: (m) => `The gate did not open: ${m}`,
    testNone: 'No gate output is set',
    scannerKind: 'Serial scanner',
    scannerKinds: { none: 'Not used (keyboard mode or camera)', serial: 'Serial (virtual COM) mode' },
    framing: 'Code ends with',
    framings: { line: 'CR/LF', pause: 'a pause' },
    pauseMs: 'Pause (ms)',
    gateFailed: (m, voided) => `The gate did not open (${m}). ${voided ? 'This use was voided and does not count. ' : ''}Let the holder through by hand or scan again.`,
  },
};
