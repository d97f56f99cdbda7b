/** Gives an access token; `renew` asks for a fresh one (the server refused the last). */
export type TokenSource = (renew: boolean) => Promise<string>;

/** A sign-in the token endpoint refused: the Authentication stage's failure (code `ETOKEN`). */
export function signInError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ETOKEN' });
}

/** The SASL XOAUTH2 initial response (RFC 7628 style, as Microsoft and Google document it). */
export function xoauth2Response(user: string, accessToken: string): string {
  return Buffer.from(`user=${user}\x01auth=Bearer ${accessToken}\x01\x01`, 'utf8').toString('base64');
}
