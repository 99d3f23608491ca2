import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      '**/.strapi/**',
      '**/types/generated/**',
      'demo/data/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // an interface that only extends is how a module adds to another's (declaration merging)
      '@typescript-eslint/no-empty-object-type': [
        'error',
        { allowInterfaces: 'with-single-extends' },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      // Node copies the store of each AsyncLocalStorage in use onto every promise of the process
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='AsyncLocalStorage']",
          message:
            "Carry a request's marks in Strapi's request context (utils/request-context.ts): each AsyncLocalStorage costs every promise of the app.",
        },
      ],
    },
  },
  {
    files: ['admin/src/**/*.{ts,tsx}', 'examples/client-area/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**', 'tests/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  }
);
