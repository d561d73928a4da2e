/** Choices of `history --group-by`, in a module of their own so declaring the command loads nothing else. */
export {GROUP_BY, type GroupBy} from '../model/history.js';
