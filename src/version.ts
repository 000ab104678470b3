/** This copy's version (equal to package.json's, checked by a test): two copies on one page name theirs. */
export const VERSION: string = '0.1.0';
