import { sendKeysPlugin, setViewportPlugin, emulateMediaPlugin } from '@web/test-runner-commands/plugins';

export const defaultPlugins = [sendKeysPlugin(), setViewportPlugin(), emulateMediaPlugin()];
