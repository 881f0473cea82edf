-- Gini coefficient (PRODUCT.md § Long tail) of positive net revenue per customer in the window.
-- With x_1 <= ... <= x_n: G = sum((2i - n - 1) * x_i) / (n * sum(x_i)), 0 = all equal, (n - 1) / n = one
-- customer holds everything; it equals 1 - twice the area under the Lorenz curve. No row without customers.
with
orders_in_window as (
    select customer, amount
    from filtered_orders($region, $industry, $team, $account_manager, $product, $customer_type)
    where date_diff('day', order_date, $as_of) >= 0
        and date_diff('day', order_date, $as_of) < $window_days
),
positive_revenue as (
    select customer, sum(amount) as net_revenue
    from orders_in_window
    group by customer
    having sum(amount) > 0
),
ranked as (
    select
        net_revenue,
        row_number() over (order by net_revenue asc, customer asc) as rank,
        count(*) over () as customers_count
    from positive_revenue
)
select
    count(*)::bigint as customers_count,
    -- the numerator is summed in DECIMAL; only the final division is a float
    (sum((2 * rank - customers_count - 1) * net_revenue) / (count(*) * sum(net_revenue)))::double as gini
from ranked
having count(*) > 0
