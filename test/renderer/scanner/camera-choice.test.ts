import { describe, expect, it } from 'vitest';
import { pickCamera, type CameraDevice } from '../../../renderer/src/scanner/camera-choice.js';

const front: CameraDevice = { deviceId: 'id-front', label: 'HD USB Camera (0c45:6366)' };
const desk: CameraDevice = { deviceId: 'id-desk', label: 'Integrated Webcam' };

describe('choosing the counter camera', () => {
  it('opens the default camera when none was chosen', () => {
    expect(pickCamera([front, desk], null)).toEqual({ kind: 'default' });
  });

  it('opens the chosen camera by its id', () => {
    expect(pickCamera([front, desk], { deviceId: 'id-desk', label: 'Integrated Webcam' })).toEqual({ kind: 'chosen', deviceId: 'id-desk' });
  });

  it('finds the chosen camera by its name when its id changed (after a reboot), with no notice', () => {
    const renamed = { deviceId: 'new-id-desk', label: 'Integrated Webcam' };
    expect(pickCamera([front, renamed], { deviceId: 'id-desk', label: 'Integrated Webcam' })).toEqual({ kind: 'chosen', deviceId: 'new-id-desk' });
  });

  it('falls back to another camera, saying which, when the chosen one is gone', () => {
    expect(pickCamera([front, desk], { deviceId: 'id-gone', label: 'Old Camera' })).toEqual({ kind: 'fallback', device: front });
  });

  it('does not match a camera by an empty name (names are hidden before permission)', () => {
    const hidden = { deviceId: 'id-x', label: '' };
    expect(pickCamera([hidden], { deviceId: 'id-gone', label: '' })).toEqual({ kind: 'fallback', device: hidden });
    expect(pickCamera([hidden], { deviceId: 'id-gone', label: null })).toEqual({ kind: 'fallback', device: hidden });
  });

  it('tries the chosen id when no camera is listed yet (the stream then falls back if it fails)', () => {
    expect(pickCamera([], { deviceId: 'id-desk', label: 'Integrated Webcam' })).toEqual({ kind: 'unlisted', deviceId: 'id-desk' });
  });
});
