/**
 * A part of the element whose code loads after the phone is wired (not with the page: the
 * script tag's size budget). Returns its disposer, which also stops a part still loading from
 * ever being connected. A part that cannot load is logged; the phone works on without it.
 */
export function lazyPart(connect: () => Promise<() => void>): () => void {
  let dispose: (() => void) | undefined;
  let gone = false;
  connect().then(
    (d) => (gone ? d() : (dispose = d)),
    (e: unknown) => console.error('cti-softphone: a part of the widget could not load', e),
  );
  return () => {
    gone = true;
    dispose?.();
  };
}
