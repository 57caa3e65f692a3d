export * from './budget-options';
export { BudgetTable } from './budget-table';
export * from './response-cache-options';
export { ResponseCacheStore } from './response-cache-store';
