import { Lang, translate } from '../i18n/i18n';
import { USAGE_TYPES } from '../applications/application.entity';
import { STEPS } from './onboarding.catalogue';
import { Roadmap } from './roadmap.service';

/**
 * The roadmap as a workbook (text cells are stored as strings, never as formulas): the open items
 * (in the page's order), each unit towards levels 3, 4 and 5, and the progress per month.
 */
export async function roadmapXlsx(roadmap: Roadmap, lang: Lang): Promise<Buffer> {
  const t = (key: string) => translate(lang, key);
  // Loaded here, not at boot: exceljs is 660 modules that most starts of the app never use.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const items = book.addWorksheet(t('roadmap.title'));
  items.columns = [
    { header: t('roadmap.col.unit'), width: 14 },
    { header: t('roadmap.col.unitName'), width: 34 },
    { header: t('roadmap.col.level'), width: 10 },
    { header: t('roadmap.col.target'), width: 10 },
    { header: t('roadmap.col.kind'), width: 16 },
    { header: t('roadmap.col.what'), width: 70 },
    { header: t('roadmap.col.status'), width: 16 },
    { header: t('roadmap.col.owner'), width: 24 },
    { header: t('roadmap.col.due'), width: 12 },
    { header: t('roadmap.col.overdue'), width: 10 },
  ];
  for (const r of roadmap.rows)
    items.addRow([
      r.unitCode ?? t('roadmap.agencyWide'),
      r.unitName ?? '',
      r.level,
      r.targetLevel,
      t(`roadmap.kind.${r.kind}`),
      r.what,
      r.status ? t(`onboarding.status.${r.status}`) : '',
      r.ownerName ?? '',
      r.dueOn ?? '',
      r.overdue ? t('data.yes') : '',
    ]);
  items.getRow(1).font = { bold: true };
  const units = book.addWorksheet(t('roadmap.units.sheet'));
  units.columns = [
    { header: t('roadmap.col.unit'), width: 14 },
    { header: t('roadmap.col.unitName'), width: 34 },
    { header: t('roadmap.col.level'), width: 10 },
    { header: t('roadmap.units.role'), width: 26 },
    ...[3, 4, 5].map((level) => ({ header: translate(lang, 'roadmap.units.toLevel', { level }), width: 16 })),
  ];
  for (const u of roadmap.units)
    units.addRow([
      u.code,
      u.name,
      u.level,
      u.serviceRole ? t(`onboarding.serviceRole.${u.serviceRole}`) : '',
      ...u.toLevel.map((l) =>
        l.reached ? t('roadmap.units.reached') : translate(lang, 'roadmap.units.open', { count: l.open }),
      ),
    ]);
  units.getRow(1).font = { bold: true };
  const progress = book.addWorksheet(t('roadmap.progress.title'));
  progress.columns = [
    { header: t('roadmap.progress.month'), width: 10 },
    { header: t('roadmap.progress.applications'), width: 12 },
    ...USAGE_TYPES.map((u) => ({ header: `% ${t(`data.usageType.${u}`)}`, width: 22 })),
    ...STEPS.map((s) => ({ header: `% ${t(`onboarding.item.${s}`)}`, width: 22 })),
  ];
  for (const p of roadmap.progress)
    progress.addRow([
      p.month,
      p.applications,
      ...USAGE_TYPES.map((u) => p.usage[u]),
      ...STEPS.map((s) => p.steps[s]),
    ]);
  progress.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
