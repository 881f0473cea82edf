-- RFM segments (PRODUCT.md § RFM). One row per customer with at least one positive order in the window.
with
orders_in_window as (
    select customer, customer_name, order_date, amount, source_row, order_key
    from
        window_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $as_of, $window_days,
            $scope_region, $scope_account_manager
        )
),

customer_rfm as (
    select
        customer,
        arg_max(customer_name, (order_date, source_row)) filter (where customer_name is not null) as customer_name,
        date_diff('day', max(order_date) filter (where amount > 0), $as_of) as recency_days,
        count(distinct order_key) filter (where amount > 0) as frequency,
        sum(amount) as monetary
    from orders_in_window
    group by customer
    having count(*) filter (where amount > 0) > 0
),

high_low as (
    -- x against mean(x) as n * x against sum(x): exact, so R or F equal to the mean is low
    select
        *,
        recency_days * count(*) over () < sum(recency_days) over () as is_recency_high,
        frequency * count(*) over () > sum(frequency) over () as is_frequency_high,
        monetary * count(*) over () > sum(monetary) over () as is_monetary_high
    from customer_rfm
),

segment_codes (is_recency_high, is_frequency_high, is_monetary_high, segment) as (
    -- the table of PRODUCT.md § RFM, row for row
    values
        (true, true, true, 'important_value'),
        (true, false, true, 'important_develop'),
        (false, true, true, 'important_retain'),
        (false, false, true, 'important_winback'),
        (true, true, false, 'general_value'),
        (true, false, false, 'general_develop'),
        (false, true, false, 'general_retain'),
        (false, false, false, 'general_winback')
),

segmented as (
    select
        high_low.*,
        segment_codes.segment,
        -- quintile scores for display only; the segment uses the means above
        ntile($score_buckets) over (order by high_low.recency_days desc, high_low.customer asc) as r_score,
        ntile($score_buckets) over (order by high_low.frequency asc, high_low.customer asc) as f_score,
        ntile($score_buckets) over (order by high_low.monetary asc, high_low.customer asc) as m_score
    from high_low
    inner join segment_codes using (is_recency_high, is_frequency_high, is_monetary_high)
)

select
    customer,
    customer_name,
    recency_days::bigint as recency_days,
    frequency::bigint as frequency,
    monetary::double as monetary,
    (monetary * 100)::bigint as monetary_cents,
    is_recency_high,
    is_frequency_high,
    is_monetary_high,
    segment,
    r_score::bigint as r_score,
    f_score::bigint as f_score,
    m_score::bigint as m_score
from segmented
order by monetary desc, customer asc
