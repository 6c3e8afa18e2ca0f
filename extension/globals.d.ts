// Globals shared between extension scripts (set by the generated profiles.js).
declare var DUXIN_PROFILES: any[] | undefined;
declare var __duxinLoaded: boolean | undefined;
