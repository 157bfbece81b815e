import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { Public } from '@nongsan/core';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { createTestApp, type TestApp } from './harness/app.js';

class VariantInput {
  @IsString() sku: string;
  @IsInt() @Min(1) price: number;
}

class ProductInput {
  @IsString() name: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => VariantInput) variants: VariantInput[];
}

/** Routes that exist only in this test: a nested body, and a bug. */
@Public()
@Controller('test-errors')
class ErrorsTestController {
  @Post('products')
  create(@Body() body: ProductInput) {
    return { ok: true, count: body.variants.length };
  }

  @Get('boom')
  boom() {
    throw new Error('connection to 10.0.0.5 refused: password=hunter2');
  }
}

@Module({ controllers: [ErrorsTestController] })
class ErrorsTestModule {}

describe('errors and validation: one shape, field paths, two languages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [ErrorsTestModule], env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t.close());

  it('reports a wrong type, a missing field and an unknown field in one 400, in Vietnamese by default', async () => {
    const res = await t.http().post('/api/v1/auth/register').send({ email: 'a@b.vn', password: 12345678, role: 'admin' }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.headers['content-language']).toBe('vi');
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['password', 'fullName', 'role']));
    const byField = Object.fromEntries(res.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(byField.fullName).toBe('“fullName” là bắt buộc.');
    expect(byField.role).toBe('Trường “role” không được phép.');
    expect(byField.password).toMatch(/phải là chuỗi ký tự/);
  });

  it('speaks English with Accept-Language: en', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .set('Accept-Language', 'en-US,en;q=0.9,vi;q=0.5')
      .send({ email: 'a@b.vn', password: 12345678, role: 'admin' })
      .expect(400);
    expect(res.body.error.message).toBe('Some fields are invalid; see details.');
    const byField = Object.fromEntries(res.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(byField).toMatchObject({ fullName: 'fullName is required.', role: 'role is not an allowed field.' });
  });

  it('names nested fields by their full path, e.g. variants[1].price', async () => {
    const res = await t
      .http()
      .post('/api/v1/test-errors/products')
      .set('Accept-Language', 'en')
      .send({
        name: 'Nước mắm',
        variants: [
          { sku: 'NM-1', price: 1 },
          { sku: 'NM-2', price: 0, colour: 'đỏ' },
        ],
      })
      .expect(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'variants[1].price', message: 'variants[1].price must be at least 1.' },
        { field: 'variants[1].colour', message: 'variants[1].colour is not an allowed field.' },
      ]),
    );
    await t
      .http()
      .post('/api/v1/test-errors/products')
      .send({ name: 'Nước mắm', variants: [{ sku: 'NM-1', price: 1 }] })
      .expect(201);
  });

  it('answers malformed JSON with 400 and an oversized body with 413, in the same shape', async () => {
    const bad = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": "a@b.vn",').expect(400);
    expect(bad.body.error.code).toBe('MALFORMED_JSON');
    const big = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.vn', password: 'x'.repeat(5000) })
      .expect(413);
    expect(big.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [] });
    expect(big.body.error.message).toContain('2 KB');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const res = await t.http().get('/api/v1/khong-co').expect(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('turns a bug into a 500 that reveals nothing but a request id to quote', async () => {
    const res = await t.http().get('/api/v1/test-errors/boom').set('X-Request-Id', 'support-ticket-42').expect(500);
    expect(res.body).toEqual({
      error: {
        code: 'INTERNAL',
        message: 'Hệ thống gặp lỗi, vui lòng thử lại sau (mã yêu cầu support-ticket-42).',
        details: [],
        requestId: 'support-ticket-42',
      },
    });
    expect(res.text).not.toMatch(/hunter2|10\.0\.0\.5|at .*\.ts/);
  });
});
