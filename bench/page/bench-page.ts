// Entry of the bench page bundle (built by bench/softphone/build-page.ts). Installs the probes first:
// the widget's production script is only loaded later, by mountWidget.
import { clearFrameTimes, installProbes, peerConnectionCounts, setMarks } from './probes.ts';
import { createBareUa, type BareUa } from './bare-ua.ts';
import { cacheGet } from './cache-get.ts';
import type { BenchApi } from './protocol.ts';
import { mountWidget, type WidgetDriver } from './widget-driver.ts';

installProbes();

const bareUas = new Map<string, BareUa>();
let widget: WidgetDriver | undefined;

function bare(user: string): BareUa {
  const ua = bareUas.get(user);
  if (!ua) throw new Error(`no bare UA ${user} in this page`);
  return ua;
}

function theWidget(): WidgetDriver {
  if (!widget) throw new Error('no widget in this page');
  return widget;
}

const api: BenchApi = {
  async mountWidget(o) {
    widget = await mountWidget(o);
  },
  async unmountWidget(timeoutMs) {
    await theWidget().unmount(timeoutMs);
    widget = undefined;
  },
  async createBareUa(o) {
    bareUas.set(o.user, await createBareUa(o));
  },
  armPopup: (timeoutMs) => theWidget().armPopup(timeoutMs),
  popupResult: (timeoutMs) => theWidget().popupResult(timeoutMs),
  armFields: (expected, timeoutMs) => theWidget().armFields(expected, timeoutMs),
  fieldsResult: (timeoutMs) => theWidget().fieldsResult(timeoutMs),
  cacheGet,
  ring: (user, target, extraHeaders) => bare(user).ring(target, extraHeaders),
  widgetEstablish: (target, timeoutMs) => theWidget().establish(target, timeoutMs),
  bareEstablish: (user, target, timeoutMs) => bare(user).establish(target, timeoutMs),
  bareIdle: (user, timeoutMs) => bare(user).idle(timeoutMs),
  bareInviteDelay: (user) => bare(user).inviteDelay(),
  peerConnections: peerConnectionCounts,
  clearFrames: clearFrameTimes,
  setMarks,
};
window.benchApi = api;
