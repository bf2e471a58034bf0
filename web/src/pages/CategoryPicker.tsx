// Categories as pictures with plain words, in the chosen language.
import { useEffect } from 'preact/hooks';
import { categories, language, loadCategories, useStore, useT } from '../store';
import { CategoryIcon } from '../ui';

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
