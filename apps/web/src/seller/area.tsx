import { createContext, useContext } from 'react';
import type { Schemas } from '../api/client';
import type { Loaded } from '../hooks';
import type { Overview } from './lib';

export type MyCooperative = Schemas['MyCooperativeDto'];
export type Cooperative = Schemas['CooperativeDto'];

/** The signed-in person's cooperatives, known to every seller page (the create page too). */
export interface SellerShell {
  mine: MyCooperative[];
  /** The cooperative chosen on this device, if any. */
  chosen: string | null;
  /** Reads the list again (after creating one) and selects `select` when given. */
  refresh(select?: string): void;
  choose(id: string): void;
}

/** The cooperative the person works for right now, and their role in it. */
export interface SellerArea {
  cooperative: Cooperative;
  isAdmin: boolean;
  /** Reads the cooperative again after a change of its profile or status. */
  refreshCooperative(): void;
  /** Today's numbers: the home shows them, the navigation badge counts the orders to confirm. */
  overview: Loaded<Overview>;
  refreshOverview(): void;
}

export const ShellContext = createContext<SellerShell | null>(null);
export const AreaContext = createContext<SellerArea | null>(null);

export function useShell(): SellerShell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell outside the seller shell');
  return shell;
}

export function useSeller(): SellerArea {
  const area = useContext(AreaContext);
  if (!area) throw new Error('useSeller outside a chosen cooperative');
  return area;
}

const CHOSEN_KEY = 'nongsan.seller.cooperative';

export function rememberedCooperative(): string | null {
  return localStorage.getItem(CHOSEN_KEY);
}

export function rememberCooperative(id: string): void {
  localStorage.setItem(CHOSEN_KEY, id);
}
