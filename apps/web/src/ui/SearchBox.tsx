import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { SearchIcon } from './icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { formatVnd } from '../format';
import { useDebounced } from '../hooks';

/**
 * Search with suggestions as the person types. The server folds accents and tolerates typos, so
 * "nuoc mam" suggests "Nước mắm Gò Bồi"; Enter on a suggestion opens it, otherwise searches.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [suggestions, setSuggestions] = useState<Schemas['CatalogItemDto'][]>([]);
  const typed = useDebounced(text.trim(), 180);
  const listId = useId();
  const boxRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (typed.length < 2) {
      setSuggestions([]);
      return;
    }
    let current = true;
    api
      .GET('/api/v1/catalog/products', { params: { query: { q: typed, limit: 6 } } })
      .then(({ data }) => {
        if (current) setSuggestions(data?.items ?? []);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [typed]);

  useEffect(() => {
    const close = (event: MouseEvent) => {
      if (!boxRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOpen(false);
    if (active >= 0 && suggestions[active]) {
      navigate(`/products/${suggestions[active].slug}`);
      return;
    }
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    navigate(`/search?${next}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, suggestions.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, -1));
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  const showList = open && suggestions.length > 0;
  return (
    <form className="search-box" role="search" onSubmit={submit} ref={boxRef}>
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="search-button">
        <SearchIcon />
        <span className="visually-hidden">{t('search.submit')}</span>
      </button>
      {showList && (
        <ul id={listId} role="listbox" className="suggestions" aria-label={t('search.suggestions')}>
          {suggestions.map((item, index) => (
            <li
              key={item.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                setOpen(false);
                navigate(`/products/${item.slug}`);
              }}
            >
              <span className="suggestion-name">{item.name}</span>
              <span className="suggestion-meta">
                {item.cooperative.name} · {formatVnd(item.minPrice)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
