import { notYet } from './stub.js';

export default notYet('migrate');
