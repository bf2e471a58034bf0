import { Page } from '../ui';
import { useT } from '../store';

export function Home() {
  const t = useT();
  return (
    <Page title={t('app.name')}>
      <p class="lead">{t('home.intro')}</p>
      <div class="cards">
        <a class="card primary" href="/report">📝 {t('home.report')}</a>
        <a class="card" href="/track">🔎 {t('home.track')}</a>
        <a class="card" href="/board">📊 {t('home.board')}</a>
      </div>
    </Page>
  );
}
