// `npm start`: placeholder until the sandbox and the demo box office exist.
console.log('kaiku-scanner: the demo box office is being built; run `npm test` meanwhile.');
