interface Query {
  query: string;
  parameters?: unknown[];
}

function statement(q: Query): string {
  const sql = JSON.stringify(q.query);
  const params = q.parameters && q.parameters.length ? `, ${JSON.stringify(q.parameters)}` : '';
  return `    await queryRunner.query(${sql}${params});`;
}

/** Source text of a generated migration; down queries run in reverse order. */
export function renderMigration(className: string, up: Query[], down: Query[]): string {
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map(statement).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${[...down].reverse().map(statement).join('\n')}
  }
}
`;
}
