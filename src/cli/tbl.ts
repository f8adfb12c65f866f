import { notYet } from './not-yet.js';

export default notYet('tbl', 'tbl', '');
