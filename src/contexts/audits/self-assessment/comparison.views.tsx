// The comparison page: per question, the staff's own answers beside the citizens' visits and the score
// card, a sentence that names the gap, and the gaps marked in words. A table, no script needed.
import { Layout } from '../../../platform/views/layout.tsx';
import { useView } from '../../../platform/views/context.ts';
import { TranslatedName } from '../../../platform/views/lang.tsx';
import type { Item } from '../instruments/instrument.ts';
import { AuditsNav, Tag, useInstrumentText } from '../audits.views.tsx';
import { InstrumentText } from '../fieldwork/fieldwork.views.tsx';
import { selfAssessmentsPath } from './self-assessment.views.tsx';
import type { ComparisonRow } from './comparison.ts';
import type { SelfAssessmentComparison } from './self-assessment.service.ts';

function useChoiceLabel(definition: SelfAssessmentComparison['definition']) {
  const { t } = useView();
  const text = useInstrumentText(definition);
  return (item: Item, value: string | null) => {
    if (value === null) return '';
    if (item.type === 'yes-no') return t(`audits.fieldwork.${value === 'yes' ? 'yes' : 'no'}`);
    return text(item.choices.find((c) => c.value === value)?.label ?? {}) || value;
  };
}

/** The sentence that says what a row shows. */
function useSentence(definition: SelfAssessmentComparison['definition']) {
  const { t, number } = useView();
  const label = useChoiceLabel(definition);
  const round = (n: number) => number(Math.round(n));
  return (row: ComparisonRow): string => {
    const { item, staff, citizens } = row;
    let sentence: string;
    if (row.verdict === 'no-staff') sentence = t('audits.selfAssessment.comparison.sentence.noStaff');
    else if (item.type === 'scale' || item.type === 'number') {
      const kind = item.type === 'scale' ? 'scale' : 'number';
      if (row.verdict === 'no-citizens') sentence = t(`audits.selfAssessment.comparison.sentence.${kind}NoCitizens`, { staff: round(staff.mean!) });
      else {
        const values = { staff: round(staff.mean!), citizens: round(citizens.mean!), visits: citizens.answered, points: round(Math.abs(row.difference!)) };
        const way = row.verdict === 'agree' ? 'Agree' : row.difference! < 0 ? 'Lower' : 'Higher';
        sentence = t(`audits.selfAssessment.comparison.sentence.${kind}${way}`, values);
      }
    } else {
      const staffCount = staff.counts[row.staffValue!] ?? 0;
      if (row.verdict === 'no-citizens') sentence = t('audits.selfAssessment.comparison.sentence.choiceNoCitizens', { staff: label(item, row.staffValue), staffCount, facilities: staff.answered });
      else if (row.verdict === 'agree')
        sentence = t('audits.selfAssessment.comparison.sentence.choiceAgree', { staff: label(item, row.staffValue), staffCount, facilities: staff.answered, same: citizens.answered - row.citizensOther, visits: citizens.answered });
      else
        sentence = t('audits.selfAssessment.comparison.sentence.choiceDisagree', {
          staff: label(item, row.staffValue),
          staffCount,
          facilities: staff.answered,
          citizens: label(item, row.citizensValue),
          other: row.citizensOther,
          visits: citizens.answered,
        });
    }
    const card = row.scoreCard;
    if (card && card.community !== null && card.staff !== null)
      sentence += ` ${t('audits.selfAssessment.comparison.sentence.scoreCard', { criteria: card.criteria, community: round(card.community), staff: round(card.staff) })}`;
    return sentence;
  };
}

export function ComparisonPage({ slug, comparison, mayFill }: { slug: string; comparison: SelfAssessmentComparison; mayFill: boolean }) {
  const { t, locale, number } = useView();
  const s = comparison.selfAssessment;
  const base = selfAssessmentsPath(locale, slug, `/${s.id}`);
  const label = useChoiceLabel(comparison.definition);
  const sentence = useSentence(comparison.definition);
  const gaps = comparison.rows.filter((r) => r.verdict === 'disagree').length;
  const round = (n: number | null) => (n === null ? '—' : number(Math.round(n)));
  const tally = (row: ComparisonRow, who: 'staff' | 'citizens') => {
    const tl = row[who];
    if (tl.answered === 0) return t('audits.selfAssessment.comparison.none');
    const unit = t(`audits.selfAssessment.comparison.${who === 'staff' ? 'facilities' : 'visits'}`, { count: tl.answered });
    if (row.item.type === 'scale' || row.item.type === 'number') return t('audits.selfAssessment.comparison.mean', { mean: round(tl.mean), unit });
    const parts = Object.entries(tl.counts)
      .sort((a, b) => b[1] - a[1])
      .map(([value, n]) => `${label(row.item, value)}: ${number(n)}`);
    return `${parts.join(', ')} (${unit})`;
  };
  return (
    <Layout title={`${t('audits.selfAssessment.comparison.title')} · ${s.title}`}>
      <AuditsNav slug={slug} current="self-assessments" />
      <p class="caption">
        {s.title} · <TranslatedName entry={comparison.service} />
      </p>
      <h1>{t('audits.selfAssessment.comparison.title')}</h1>
      <p>{t('audits.selfAssessment.comparison.sources', { sent: comparison.sent, facilities: comparison.facilities, visits: comparison.visits, cards: comparison.scoreCards })}</p>
      <p class="hint">{t('audits.selfAssessment.comparison.protection')}</p>
      {comparison.sent === 0 ? (
        <p class="audit-panel">{t('audits.selfAssessment.comparison.nothingSent')}</p>
      ) : (
        <p class="audit-panel" id="comparison-summary">
          {t('audits.selfAssessment.comparison.summary', { gaps, questions: comparison.rows.length })}
        </p>
      )}
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('audits.table.scroll')}>
        <table class="table" id="comparison">
          <caption>{t('audits.selfAssessment.comparison.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audits.selfAssessment.comparison.question')}</th>
              <th scope="col">{t('audits.selfAssessment.comparison.staff')}</th>
              <th scope="col">{t('audits.selfAssessment.comparison.citizens')}</th>
              <th scope="col">{t('audits.selfAssessment.comparison.scoreCard')}</th>
              <th scope="col">{t('audits.selfAssessment.comparison.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row) => (
              <tr key={row.item.name} class={row.verdict === 'disagree' ? 'comparison__gap' : undefined} data-verdict={row.verdict}>
                <th scope="row">
                  <InstrumentText texts={row.item.label} definition={comparison.definition} />
                  <br />
                  <span class="hint">{t(`audits.dimension.${row.item.dimension}`)}</span>
                </th>
                <td>{tally(row, 'staff')}</td>
                <td>{tally(row, 'citizens')}</td>
                <td>
                  {row.scoreCard && row.scoreCard.community !== null && row.scoreCard.staff !== null
                    ? t('audits.selfAssessment.comparison.cardScores', { community: round(row.scoreCard.community), staff: round(row.scoreCard.staff) })
                    : t('audits.selfAssessment.comparison.noCard')}
                </td>
                <td>
                  <Tag kind={row.verdict === 'disagree' ? 'warning' : row.verdict === 'agree' ? 'verified' : 'scheduled'}>{t(`audits.selfAssessment.verdict.${row.verdict}`)}</Tag>
                  <p class="comparison__sentence">{sentence(row)}</p>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={base}>{t(mayFill ? 'audits.selfAssessment.sheet.back' : 'audits.selfAssessment.comparison.back')}</a>
      </p>
    </Layout>
  );
}
