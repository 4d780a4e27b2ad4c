// Production build of the App Router app; StrictMode on (the App Router's default, stated).
export default { reactStrictMode: true };
