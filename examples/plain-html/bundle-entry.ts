// Entry of the single-file bundle (`kaiku-scanner.bundle.js`): the element, lit and the core in one ES module.
import '../box-office/page-setup.js';

export * from 'kaiku-scanner';
