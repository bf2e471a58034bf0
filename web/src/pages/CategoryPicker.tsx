// Categories as pictures with plain words, in the chosen language.
import { useEffect } from 'preact/hooks';
import { categories, language, loadCategories, useStore, useT } from '../store';
import { CategoryIcon } from '../ui';

// A list filter by category ("any" first), in the chosen language.
export function CategoryFilter(props: { value: string; onChange: (code: string) => void }) {
  const t = useT();
  const lang = useStore(language);
  const list = useStore(categories);
  useEffect(() => { void loadCategories(); }, []);
  return (
    <label>{t('inbox.category')}
      <select name="category" value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{t('inbox.anyCategory')}</option>
        {list.map((c) => <option key={c.code} value={c.code}>{c.names[lang]}</option>)}
      </select>
    </label>
  );
}

export function CategoryPicker(props: { value: string; onChange: (code: string) => void }) {
  const t = useT();
  const lang = useStore(language);
  const list = useStore(categories);
  useEffect(() => { void loadCategories(); }, []);
  return (
    <fieldset class="categories">
      <legend>{t('report.category')}</legend>
      {list.map((c) => (
        <label key={c.code} class={`tile${props.value === c.code ? ' on' : ''}`}>
          <input type="radio" name="category" value={c.code} checked={props.value === c.code}
            onChange={() => props.onChange(c.code)} />
          <span class="icon"><CategoryIcon code={c.code} /></span>
          <span>{c.names[lang]}</span>
        </label>
      ))}
    </fieldset>
  );
}
