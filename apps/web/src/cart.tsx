import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

const CART_KEY = 'nongsan.cart';

/** What the cart remembers of a line to draw it before the server prices it again. */
export interface CartLine {
  variantId: string;
  quantity: number;
  productSlug: string;
  productName: string;
  variantName: string;
  price: number;
  imageUrl: string | null;
  cooperativeId: string;
  cooperativeName: string;
}

interface Cart {
  lines: CartLine[];
  count: number;
  add(line: CartLine): void;
  setQuantity(variantId: string, quantity: number): void;
  remove(variantId: string): void;
  clear(): void;
}

const CartContext = createContext<Cart | null>(null);

function load(): CartLine[] {
  try {
    const stored = JSON.parse(localStorage.getItem(CART_KEY) ?? '[]') as unknown;
    return Array.isArray(stored)
      ? (stored as CartLine[]).filter((l) => typeof l?.variantId === 'string' && Number.isInteger(l.quantity) && l.quantity > 0)
      : [];
  } catch {
    return [];
  }
}

export function CartProvider({ children }: { children: ReactNode }) {
  const [lines, setLines] = useState<CartLine[]>(load);

  useEffect(() => {
    localStorage.setItem(CART_KEY, JSON.stringify(lines));
  }, [lines]);

  // Another tab changed the cart: follow it rather than overwrite it.
  useEffect(() => {
    const follow = (event: StorageEvent) => {
      if (event.key === CART_KEY) setLines(load());
    };
    window.addEventListener('storage', follow);
    return () => window.removeEventListener('storage', follow);
  }, []);

  const add = useCallback((line: CartLine) => {
    setLines((current) => {
      const existing = current.find((l) => l.variantId === line.variantId);
      if (!existing) return [...current, line];
      return current.map((l) => (l.variantId === line.variantId ? { ...line, quantity: l.quantity + line.quantity } : l));
    });
  }, []);
  const setQuantity = useCallback((variantId: string, quantity: number) => {
    setLines((current) => current.map((l) => (l.variantId === variantId ? { ...l, quantity: Math.max(1, Math.floor(quantity) || 1) } : l)));
  }, []);
  const remove = useCallback((variantId: string) => setLines((current) => current.filter((l) => l.variantId !== variantId)), []);
  const clear = useCallback(() => setLines([]), []);

  const cart = useMemo<Cart>(
    () => ({ lines, count: lines.reduce((sum, l) => sum + l.quantity, 0), add, setQuantity, remove, clear }),
    [lines, add, setQuantity, remove, clear],
  );
  return <CartContext.Provider value={cart}>{children}</CartContext.Provider>;
}

export function useCart(): Cart {
  const cart = useContext(CartContext);
  if (!cart) throw new Error('useCart outside CartProvider');
  return cart;
}
