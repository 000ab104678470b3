// Browser-side access to the scripted SIP-over-WebSocket peer (served by sip-peer-plugin.mjs).
import { executeServerCommand } from '@web/test-runner-commands';

export interface FrameMatch {
  readonly method?: string;
  readonly status?: number;
  readonly cseqMethod?: string;
  readonly callId?: string;
}

/** Starts a fresh peer (REGISTERs answered 200 unless told otherwise); resolves with its ws:// URL. */
export async function startSipPeer(answerRegister = true): Promise<string> {
  const { url } = await executeServerCommand<{ url: string }, { answerRegister: boolean }>('sip-peer-start', {
    answerRegister,
  });
  return url;
}

/** The next frame the widget sent that matches, or null if none came within `timeoutMs`. */
export async function nextFrame(match: FrameMatch, timeoutMs = 5_000): Promise<string | null> {
  const { frame } = await executeServerCommand<
    { frame: string | null },
    { match: FrameMatch; timeoutMs: number }
  >('sip-peer-next', { match, timeoutMs });
  return frame;
}

/** Sends one text frame to the widget, byte for byte. */
export async function sendFrame(frame: string): Promise<void> {
  await executeServerCommand<{ sent: boolean }, { frame: string }>('sip-peer-send', { frame });
}

export async function stopSipPeer(): Promise<void> {
  await executeServerCommand<{ stopped: boolean }, undefined>('sip-peer-stop');
}
