// Sets what attributes cannot: the API base URL from the demo server, and the token callback.
const scanner = document.querySelector('kaiku-scanner');
const config = await (await fetch('/config.json')).json();
scanner.baseUrl = config.baseUrl;
// Return a short-lived token from your own session; the element keeps it in memory only.
scanner.tokenProvider = () => 'demo-token';
scanner.addEventListener('kaiku-usage-registered', (e) => {
  document.title = `Registered: ${e.detail.children} child tickets`;
});
