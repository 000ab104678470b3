// Baseline for the bundle-size figure: the least an integrator ships to register and place a call
// with sip.js alone (UserAgent + Registerer + Inviter), built like our embed bundle.
export { Inviter, Registerer, UserAgent } from 'sip.js';
